package city.iam.dataset.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Decides one request against one dataset's rules (research A1–A7). Every check runs and lands in the
 * trace, so a denial names all its reasons, not only the first. Metadata is published for every class;
 * data is gated by class:
 * <ul>
 * <li>open: the dataset's own restrictions only (organisations, purposes, window, assurance) where set;</li>
 * <li>quasi-sensitive: an admitted organisation, a named individual, a purpose allowed by the dataset and
 * by an agreement in force (or, for the owner organisation, by the client), consent where required;</li>
 * <li>sensitive: all of that, plus minimum assurance, a trusted-environment client and a sender-constrained
 * token unless the dataset waives them.</li>
 * </ul>
 * Plain Java with no Keycloak types, so the JMH benchmark and the unit tests reach it without a server.
 */
public final class DatasetDecider {

    private final AgreementSource agreements;
    private final ConsentCheck consents;
    private final AssuranceLevels assurance;

    public DatasetDecider(AgreementSource agreements, ConsentCheck consents, AssuranceLevels assurance) {
        this.agreements = agreements;
        this.consents = consents;
        this.assurance = assurance;
    }

    /** @param purpose null when the caller named none */
    public Decision decide(Subject subject, Dataset dataset, DatasetScope scope, Purpose purpose, Instant at) {
        List<Check> trace = new ArrayList<>(8);
        if (scope == DatasetScope.METADATA_READ) {
            trace.add(Check.pass("scope", "metadata of every class is published"));
            return Decision.of(trace, null, null, dataset.policyVersion());
        }
        Sensitivity cls = dataset.sensitivity();
        boolean gated = cls != Sensitivity.OPEN;
        boolean owner = dataset.ownerOrganization() != null && subject != null
                && subject.organizations().contains(dataset.ownerOrganization());

        if (subject == null) {
            // Anonymous callers only ever reach unrestricted open data.
            boolean unrestricted = !dataset.restrictsOrganizations() && dataset.allowedPurposes().isEmpty()
                    && dataset.minimumAssurance() == null && !dataset.trustedEnvironment() && !dataset.senderConstrained();
            trace.add(unrestricted ? Check.pass("individual", "open data without restrictions")
                    : Check.fail("individual", Reason.NOT_INDIVIDUAL, "an authenticated caller is required"));
            window(dataset, at, trace);
            return Decision.of(trace, null, null, dataset.policyVersion());
        }

        if (dataset.restrictsOrganizations()) {
            trace.add(dataset.admits(subject.organizations(), subject.stakeholderTypes())
                    ? Check.pass("organization", "caller's organisation is admitted")
                    : Check.fail("organization", Reason.ORG_NOT_ALLOWED, "organisations " + subject.organizations()
                    + " and stakeholder types " + subject.stakeholderTypes() + " are not admitted"));
        }
        if (gated) {
            trace.add(subject.individual() ? Check.pass("individual", "named " + (subject.deviceId() != null ? "device" : "person"))
                    : Check.fail("individual", Reason.NOT_INDIVIDUAL, "shared, role and service accounts cannot read " + cls.code() + " data"));
        }

        Agreement relied = null;
        if (purpose == null) {
            if (gated || !dataset.allowedPurposes().isEmpty()) {
                trace.add(Check.fail("purpose", Reason.PURPOSE_MISSING, "a purpose of use is required"));
            }
        } else {
            boolean byDataset = dataset.allowedPurposes().isEmpty() ? !gated : Purpose.anyCovers(dataset.allowedPurposes(), purpose);
            if (!byDataset) {
                trace.add(Check.fail("purpose", Reason.PURPOSE_NOT_ALLOWED, "the dataset does not allow purpose " + purpose.code()));
            } else if (gated && !owner) {
                relied = agreement(subject, dataset, purpose, at, trace);
            } else {
                trace.add(Purpose.anyCovers(subject.clientPurposes(), purpose)
                        ? Check.pass("purpose", "allowed by the dataset and registered for client " + subject.clientId())
                        : Check.fail("purpose", Reason.PURPOSE_NOT_ALLOWED, "client " + subject.clientId()
                        + " is not registered for purpose " + purpose.code()));
            }
        }
        if (relied != null && dataset.personalData() && relied.consentRequired()) {
            consent(subject, relied, purpose, trace);
        }

        String requiredAcr = assurance(subject, dataset, trace);
        window(dataset, at, trace);
        boolean sensitive = cls == Sensitivity.SENSITIVE;
        if (sensitive || dataset.trustedEnvironment()) {
            trace.add(subject.trustedEnvironment() ? Check.pass("trusted-environment", "client " + subject.clientId() + " is a trusted environment")
                    : Check.fail("trusted-environment", Reason.DEVICE_NOT_TRUSTED, "client " + subject.clientId() + " is not a trusted environment"));
        }
        if (dataset.senderConstrained()) {
            trace.add(subject.senderConstrained() ? Check.pass("token-binding", "token is sender-constrained")
                    : Check.fail("token-binding", Reason.DEVICE_NOT_TRUSTED, "a DPoP- or certificate-bound token is required"));
        }
        return Decision.of(trace, relied == null ? null : relied.id(), requiredAcr, dataset.policyVersion());
    }

    private Agreement agreement(Subject subject, Dataset dataset, Purpose purpose, Instant at, List<Check> trace) {
        Collection<Agreement> found = agreements.find(dataset.name(), subject.organizations());
        Agreement expired = null;
        Agreement early = null;
        Agreement inactive = null;
        boolean wrongPurpose = false;
        for (Agreement a : found) {
            if (!a.datasets().contains(dataset.name()) || !a.bindsAny(subject.organizations())) {
                continue;
            }
            if (!Purpose.anyCovers(a.purposes(), purpose)) {
                wrongPurpose = true;
            } else if (a.status() != AgreementStatus.ACTIVE) {
                inactive = a;
            } else if (at.isBefore(a.notBefore())) {
                early = a;
            } else if (!a.inForce(at)) {
                expired = a;
            } else {
                trace.add(Check.pass("agreement", "agreement " + a.id() + " covers purpose " + purpose.code()));
                return a;
            }
        }
        if (expired != null) {
            trace.add(Check.fail("agreement", Reason.AGREEMENT_EXPIRED, "agreement " + expired.id() + " ended at " + expired.notOnOrAfter()));
        } else if (inactive != null) {
            trace.add(Check.fail("agreement", Reason.AGREEMENT_INACTIVE, "agreement " + inactive.id() + " is " + inactive.status().code()));
        } else if (early != null) {
            trace.add(Check.fail("agreement", Reason.AGREEMENT_NOT_YET_VALID, "agreement " + early.id() + " starts at " + early.notBefore()));
        } else if (wrongPurpose) {
            trace.add(Check.fail("agreement", Reason.PURPOSE_NOT_ALLOWED, "no agreement of the caller's organisation covers purpose " + purpose.code()));
        } else {
            trace.add(Check.fail("agreement", Reason.AGREEMENT_MISSING, "no agreement binds " + subject.organizations() + " to " + dataset.name()));
        }
        return null;
    }

    private void consent(Subject subject, Agreement agreement, Purpose purpose, List<Check> trace) {
        ConsentCheck.State state;
        try {
            state = consents.consent(subject, agreement, purpose);
        } catch (RuntimeException e) {
            state = ConsentCheck.State.UNAVAILABLE;
        }
        switch (state) {
            case GRANTED -> trace.add(Check.pass("consent", "data subject consent recorded"));
            case MISSING -> trace.add(Check.fail("consent", Reason.CONSENT_MISSING, "no consent for purpose " + purpose.code()));
            default -> trace.add(Check.fail("consent", Reason.CONSENT_UNAVAILABLE, "consent could not be checked; failing closed"));
        }
    }

    private String assurance(Subject subject, Dataset dataset, List<Check> trace) {
        if (dataset.minimumAssurance() == null) {
            return null;
        }
        int required = assurance.required(dataset.minimumAssurance());
        if (required < 0) {
            trace.add(Check.fail("assurance", Reason.POLICY_MISCONFIGURED, "minimum assurance '" + dataset.minimumAssurance()
                    + "' is not in the realm's acr.loa.map"));
            return null;
        }
        if (subject.assuranceLevel() >= required) {
            trace.add(Check.pass("assurance", "level " + subject.assuranceLevel() + " meets " + required));
            return null;
        }
        String acr = assurance.acrFor(required);
        trace.add(Check.fail("assurance", Reason.ASSURANCE_TOO_LOW, "acr " + subject.acr() + " (level " + subject.assuranceLevel()
                + ") is below " + acr + " (level " + required + ")"));
        return acr;
    }

    private static void window(Dataset dataset, Instant at, List<Check> trace) {
        if (dataset.timeWindow() == null) {
            return;
        }
        trace.add(dataset.timeWindow().contains(at) ? Check.pass("time-window", "inside " + dataset.timeWindow().text())
                : Check.fail("time-window", Reason.OUTSIDE_TIME_WINDOW, "outside " + dataset.timeWindow().text()));
    }
}
