/**
 * Notice mail shared by the feature modules: one way to mail a user through Keycloak's email templates and
 * record the outcome, and one way to tie a mail to the commit of the change it reports. Each module ships its
 * own templates and messages in its jar's {@code theme-resources}.
 */
package city.iam.kernel.mail;
