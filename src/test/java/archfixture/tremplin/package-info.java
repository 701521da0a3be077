/**
 * Deliberate violations of Tremplin's architecture rules, for {@code org.tremplin.ArchitectureRulesSelfTest}:
 * it shows each rule of {@code org.tremplin.ArchitectureTest} fails when broken. Kept outside
 * {@code org.tremplin} so that neither component scanning nor the architecture test itself ever sees them.
 */
package archfixture.tremplin;
