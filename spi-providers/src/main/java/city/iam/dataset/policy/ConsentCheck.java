package city.iam.dataset.policy;

/**
 * Whether the data subject consented to the use, for personal data under an agreement that requires it.
 * An implementation that cannot tell answers {@link State#UNAVAILABLE}; the decision then fails closed.
 */
@FunctionalInterface
public interface ConsentCheck {

    enum State { GRANTED, MISSING, UNAVAILABLE }

    State consent(Subject subject, Agreement agreement, Purpose purpose);
}
