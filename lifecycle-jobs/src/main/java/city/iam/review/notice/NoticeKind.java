package city.iam.review.notice;

import city.iam.lifecycle.account.Notice;

/** The notices of a running stage, each with its mail template and the webhook event name. */
public enum NoticeKind {
    ASSIGNED(Notice.Template.REVIEW_ASSIGNED, "review.assigned"),
    REMINDER(Notice.Template.REVIEW_REMINDER, "review.reminder"),
    OVERDUE(Notice.Template.REVIEW_OVERDUE, "review.overdue"),
    ESCALATED(Notice.Template.REVIEW_ESCALATED, "review.escalated");

    final Notice.Template template;
    final String event;

    NoticeKind(Notice.Template template, String event) {
        this.template = template;
        this.event = event;
    }
}
