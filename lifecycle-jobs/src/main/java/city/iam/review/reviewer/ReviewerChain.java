package city.iam.review.reviewer;

import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewerType;
import city.iam.review.definition.ScopeType;

import java.util.Collection;

import java.util.List;
import java.util.Map;

/**
 * Resolves an item's reviewer: the stage's resolver, then its fallbacks in order, then the definition's
 * fallback reviewer. A candidate who is the subject is skipped (nobody reviews their own access), as is one who
 * is disabled; the manager resolver walks up the manager chain past such people. The definition was checked
 * for fallback cycles, so the walk ends.
 */
public final class ReviewerChain {

    private final Map<String, ReviewDefinition.ReviewerSpec> reviewers;
    private final String fallbackReviewer;
    private final Directory directory;

    public ReviewerChain(ReviewDefinition definition, Directory directory) {
        this.reviewers = definition.reviewers();
        this.fallbackReviewer = definition.fallbackReviewer();
        this.directory = directory;
    }

    /** Lets the directory read what the manager resolvers will ask about these subjects in one go. */
    public void prefetch(Collection<String> subjectIds) {
        reviewers.values().stream().filter(r -> r.type() == ReviewerType.MANAGER).map(ReviewDefinition.ReviewerSpec::attribute).distinct()
                .forEach(attribute -> directory.prefetch(subjectIds, attribute));
    }

    public Assignment resolve(String resolver, String subjectId, ScopeType type, String accessId) {
        ReviewDefinition.ReviewerSpec spec = reviewers.get(resolver);
        while (spec != null) {
            String found = candidate(spec, subjectId, type, accessId);
            if (found != null) {
                return new Assignment(found, spec.type().code() + ":" + spec.name());
            }
            spec = spec.fallback() == null ? null : reviewers.get(spec.fallback());
        }
        if (fallbackReviewer != null) {
            String id = directory.userId(fallbackReviewer);
            if (eligible(id, subjectId)) {
                return new Assignment(id, "fallback");
            }
        }
        return Assignment.NOBODY;
    }

    private String candidate(ReviewDefinition.ReviewerSpec spec, String subjectId, ScopeType type, String accessId) {
        return switch (spec.type()) {
            case OWNER -> {
                String owner = type == ScopeType.SERVICE_ACCOUNT ? directory.clientOwnerOf(subjectId, spec.attribute())
                        : directory.ownerOf(type, accessId, spec.attribute());
                yield eligible(owner, subjectId) ? owner : null;
            }
            case MANAGER -> manager(spec, subjectId);
            case USERS -> first(directory.users(spec.users()), subjectId);
            case GROUP -> first(directory.groupMembers(spec.group()), subjectId);
        };
    }

    private String manager(ReviewDefinition.ReviewerSpec spec, String subjectId) {
        String at = subjectId;
        for (int level = 0; level < spec.levels(); level++) {
            String next = directory.managerOf(at, spec.attribute());
            if (next == null || next.equals(at)) {
                return null;
            }
            if (eligible(next, subjectId)) {
                return next;
            }
            at = next;
        }
        return null;
    }

    private String first(List<String> ids, String subjectId) {
        for (String id : ids) {
            if (eligible(id, subjectId)) {
                return id;
            }
        }
        return null;
    }

    private boolean eligible(String id, String subjectId) {
        return id != null && !id.equals(subjectId) && directory.active(id);
    }
}
