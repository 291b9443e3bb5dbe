package city.iam.review.reviewer;

/** Who reviews an item and which resolver found them; {@code reviewerId} is null when nobody could be found. */
public record Assignment(String reviewerId, String source) {

    public static final Assignment NOBODY = new Assignment(null, "none");

    public boolean assigned() {
        return reviewerId != null;
    }
}
