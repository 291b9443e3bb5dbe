/**
 * Access-review campaigns and the identity lifecycle (joiner, mover, leaver, inactivity, temporary access,
 * non-human identities, credential hygiene). Packages per feature: {@code city.iam.review.<feature>} and
 * {@code city.iam.lifecycle.<feature>}; depends on the kernel ({@code city.iam.kernel}) only.
 */
package city.iam.lifecycle;
