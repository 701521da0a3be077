-- The identity generation: every engine command that changes users, groups or memberships adds one to it in its own
-- transaction, and every node reads it each second to forget the credentials it remembers when it moved
-- (IdentityChangesAcrossNodes, VerifiedCredentials).
CREATE TABLE identity_change (
    id INT PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO identity_change (id, generation) VALUES (1, 0);
