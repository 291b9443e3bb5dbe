package city.iam.kernel.mail;

/**
 * A notice mail a module ships: the template file name without {@code .ftl} (an HTML and a text version under
 * the jar's {@code theme-resources/templates/}) and the message key of its subject, which gets the realm's
 * display name as its one parameter.
 */
public interface MailTemplate {

    String file();

    String subjectKey();
}
