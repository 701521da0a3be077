package org.tremplin.platform.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.tremplin.shared.Roles;
import org.springframework.stereotype.Component;

import java.util.List;

/** Read access to the one user store (Camunda's identity service) for the other contexts. */
@Component
public class Identity {

    private final IdentityService identityService;

    public Identity(IdentityService identityService) {
        this.identityService = identityService;
    }

    public boolean userExists(String userId) {
        return userId != null && identityService.createUserQuery().userId(userId).count() == 1;
    }

    public List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).sorted().toList();
    }

    /** The ids of a group's users, sorted (e.g. the reviewers pole staff choose from). */
    public List<String> usersOf(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).sorted().toList();
    }

    public boolean isInGroup(String userId, String groupId) {
        return identityService.createGroupQuery().groupMember(userId).groupId(groupId).count() == 1;
    }

    /** Creates the group if it does not exist yet. */
    public void ensureGroup(String groupId, String name) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(name);
            group.setType(groupId.equals(Roles.ADMIN) ? "SYSTEM" : "WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    /** Creates the user with its groups if it does not exist yet; returns whether it was created. */
    public boolean ensureUser(String userId, String firstName, String lastName, String password, List<String> groups) {
        if (userExists(userId)) {
            return false;
        }
        User user = identityService.newUser(userId);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(userId + "@tremplin.example");
        user.setPassword(password);
        identityService.saveUser(user);
        groups.forEach(group -> identityService.createMembership(userId, group));
        return true;
    }

    /**
     * Runs work as the given user outside an HTTP request (demo data, maintenance): process steps and
     * commands then carry that user as their actor.
     */
    public void runAs(String userId, Runnable work) {
        List<String> groups = groupsOf(userId);
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null,
                groups.stream().map(g -> new SimpleGrantedAuthority("ROLE_" + g)).toList()));
        SecurityContextHolder.setContext(context);
        try {
            Caller.as(userId, groups, () -> {
                work.run();
                return null;
            });
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
