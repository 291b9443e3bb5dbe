package city.iam.device.rest;

import city.iam.device.ca.CaKeys;
import city.iam.device.ca.DeviceCas;
import city.iam.device.enrol.Challenges;
import city.iam.device.enrol.DeviceProof;
import city.iam.device.enrol.Enrolment;
import city.iam.device.evidence.Appraisal;
import city.iam.device.pki.DeviceSerial;
import city.iam.device.evidence.Evidence;
import city.iam.device.evidence.EvidenceVerifier;
import city.iam.device.group.EnrollmentGroup;
import city.iam.device.group.Groups;
import city.iam.device.jpa.DeviceCaEntity;
import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.pki.CertificateAuthority;
import city.iam.device.pki.CsrParser;
import city.iam.device.pki.Fingerprints;
import city.iam.device.pki.Pem;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.tls.TlsClient;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.time.KeycloakClock;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.io.InputStream;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Device-facing endpoints. Devices are not yet authenticated here: the evidence (or, for EST, the TLS
 * client certificate) is the credential, so every input is bounded and verified before anything is stored.
 */
public class DeviceRealmResource {

    static final String PEM_CHAIN = "application/pem-certificate-chain";
    static final int MAX_BODY = 96 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock = KeycloakClock.INSTANCE;

    DeviceRealmResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public record ChallengeRequest(@JsonProperty("group") String group) {
    }

    public record EnrolRequest(@JsonProperty("group") String group, @JsonProperty("csr") String csr,
                               @JsonProperty("evidence") String evidence) {
    }

    @POST
    @Path("challenge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response challenge(InputStream body) {
        return Guard.run(session, () -> {
            ChallengeRequest request = BoundedBody.json(body, ChallengeRequest.class, 4096);
            EnrollmentGroup group = enrollableGroup(request.group());
            Challenges.purgeExpired(em(), clock.millis());
            Challenges.Issued issued = new Challenges(em(), realm.getId(), clock).issue(group.name());
            return Response.ok(Map.of("nonce", issued.nonce(), "expires_at", issued.expiresAt().toString(),
                    "group", group.name())).header("Cache-Control", "no-store").build();
        });
    }

    @POST
    @Path("enroll")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enroll(InputStream body) {
        return Guard.run(session, () -> {
            EnrolRequest request = BoundedBody.json(body, EnrolRequest.class, MAX_BODY);
            EnrollmentGroup group = enrollableGroup(request.group());
            CsrParser.Csr csr = CsrParser.parse(request.csr());
            Evidence evidence = EvidenceVerifier.verify(request.evidence(),
                    Enrolment.anchorsFor(em(), realm.getId(), clock, group), clock.instant());
            consumeNonce(evidence.nonce(), group.name());
            Appraisal.Result appraisal = Appraisal.appraise(evidence, group, DeviceSerial.of(evidence.signer()), csr.publicKey());
            DeviceProof proof = new DeviceProof(evidence.signer(), evidence.anchor(), appraisal.status(), evidence.swVersion(),
                    EnrollmentGroup.EVIDENCE_EAT);
            Enrolment.Outcome outcome = admit(group, csr, proof);
            if (outcome.released()) {
                return Response.ok(Map.of("device_id", outcome.device().getDeviceId(), "status", outcome.device().getStatus(),
                        "attestation", outcome.attestation(), "released", true)).build();
            }
            if (outcome.pending()) {
                return Response.status(202).header("Retry-After", "300").entity(Map.of(
                        "device_id", outcome.device().getDeviceId(), "status", outcome.device().getStatus())).build();
            }
            return Response.status(201).entity(Map.of(
                    "device_id", outcome.device().getDeviceId(),
                    "status", outcome.device().getStatus(),
                    "attestation", outcome.attestation(),
                    "certificate", Pem.encode(outcome.certificate()),
                    "chain", List.of(Pem.encode(outcome.certificate()), Pem.encode(outcome.caCertificate())))).build();
        });
    }

    /**
     * RFC 7030 §4.2.1 simple enrolment, authenticated by the TLS client certificate: the device's IDevID,
     * validated against the group's pinned anchors. The label in the path names the enrollment group.
     */
    @POST
    @Path("est/{group}/simpleenroll")
    @Consumes("application/pkcs10")
    @Produces("application/pkcs7-mime")
    public Response estSimpleEnroll(@jakarta.ws.rs.PathParam("group") String groupName, InputStream body) {
        return Guard.run(session, () -> {
            EnrollmentGroup group = group(groupName, EnrollmentGroup.EVIDENCE_IDEVID_TLS);
            X509Certificate[] chain = TlsClient.chain(session);
            if (chain.length == 0) {
                throw new CityIamException(401, "client_certificate_required", "Present the device's IDevID as TLS client certificate.");
            }
            if (group.minFirmware() != null || Boolean.TRUE.equals(group.requireSecureBoot()) || Boolean.TRUE.equals(group.requireDebugDisabled())) {
                throw new CityIamException(403, "attestation_required",
                        "Group " + group.name() + " requires attestation evidence: enrol with /enroll and an EAT.");
            }
            CsrParser.Csr csr = CsrParser.parse(new String(BoundedBody.read(body, CsrParser.MAX_DER_BYTES * 2), java.nio.charset.StandardCharsets.US_ASCII));
            X509Certificate anchor = city.iam.device.pki.ChainValidator.validate(List.of(chain),
                    Enrolment.anchorsFor(em(), realm.getId(), clock, group), java.util.Date.from(clock.instant()));
            Enrolment.Outcome outcome = admit(group, csr, new DeviceProof(chain[0], anchor, "none", null, EnrollmentGroup.EVIDENCE_IDEVID_TLS));
            if (outcome.pending()) {
                return Response.status(202).header("Retry-After", "300").type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of(
                        "device_id", outcome.device().getDeviceId(), "status", outcome.device().getStatus())).build();
            }
            return Response.ok(certsOnly(List.of(outcome.certificate())), "application/pkcs7-mime; smime-type=certs-only")
                    .header("Content-Transfer-Encoding", "base64").build();
        });
    }

    /**
     * RFC 7030 §4.2.2 re-enrolment (rotation), authenticated by the device's current LDevID over mutual TLS.
     * The subject cannot change and the key must.
     */
    @POST
    @Path("est/{group}/simplereenroll")
    @Consumes("application/pkcs10")
    @Produces("application/pkcs7-mime")
    public Response estSimpleReenroll(@jakarta.ws.rs.PathParam("group") String groupName, InputStream body) {
        return Guard.run(session, () -> {
            X509Certificate[] chain = TlsClient.chain(session);
            if (chain.length == 0) {
                throw new CityIamException(401, "client_certificate_required", "Present the device's current certificate as TLS client certificate.");
            }
            city.iam.device.registry.DeviceCertificates certificates = new city.iam.device.registry.DeviceCertificates(em(), realm.getId(), clock);
            city.iam.device.registry.DeviceCertificates.Verdict verdict = certificates.authenticate(chain[0], groupName);
            if (!verdict.accepted()) {
                if (verdict.cloneSignal()) {
                    city.iam.device.registry.Quarantine.onSignal(session, realm.getId(), verdict.device().getId(), "superseded certificate used");
                }
                throw new CityIamException(401, "invalid_client_certificate", verdict.reason());
            }
            CsrParser.Csr csr = CsrParser.parse(new String(BoundedBody.read(body, CsrParser.MAX_DER_BYTES * 2), java.nio.charset.StandardCharsets.US_ASCII));
            X509Certificate current = Pem.certificates(verdict.certificate().getCertPem()).get(0);
            if (!csr.subjectEmptyOrEqual(current.getSubjectX500Principal())) {
                throw CityIamException.badRequest("subject_change_not_allowed", "Re-enrolment keeps the subject of the current certificate.");
            }
            Enrolment.Outcome outcome = new Enrolment(em(), realm.getId(), realm.getName(), clock, crlUrl(), CaKeys.of(session, realm)).rotate(verdict.device(), csr);
            ObjectNode facts = AuditRecord.facts();
            facts.put("previous_certificate", verdict.certificate().getSerial());
            facts.put("certificate_serial", outcome.certificate().getSerialNumber().toString(16));
            AuditLogs.of(session, realm).append(new AuditRecord(
                    new Actor(Actor.DEVICE, outcome.device().getDeviceId(), outcome.device().getDeviceId(), null),
                    "device-identity.device.rotated", outcome.device().getDeviceId(), facts));
            return Response.ok(certsOnly(List.of(outcome.certificate())), "application/pkcs7-mime; smime-type=certs-only")
                    .header("Content-Transfer-Encoding", "base64").build();
        });
    }

    private Enrolment.Outcome admit(EnrollmentGroup group, CsrParser.Csr csr, DeviceProof proof) {
        Enrolment.Outcome outcome = new Enrolment(em(), realm.getId(), realm.getName(), clock, crlUrl(), CaKeys.of(session, realm)).admit(group.name(), csr, proof);
        ObjectNode facts = AuditRecord.facts();
            facts.put("group", group.name());
            facts.put("serial", outcome.device().getIdevidSerial());
            facts.put("status", outcome.device().getStatus());
            facts.put("attestation", outcome.attestation());
            facts.put("firmware", outcome.device().getFirmware());
        facts.put("evidence", proof.evidenceType());
        if (outcome.certificate() != null) {
            facts.put("certificate_serial", outcome.certificate().getSerialNumber().toString(16));
        }
        AuditLogs.of(session, realm).append(new AuditRecord(
                new Actor(Actor.DEVICE, outcome.device().getDeviceId(), outcome.device().getDeviceId(), null),
                outcome.released() ? "device-identity.device.released" : outcome.pending()
                        ? "device-identity.device.enrolment-pending" : "device-identity.device.enrolled",
                outcome.device().getDeviceId(), facts));
        return outcome;
    }

    @GET
    @Path("cacerts")
    @Produces(PEM_CHAIN)
    public Response cacerts() {
        return Guard.run(session, () -> {
            StringBuilder pem = new StringBuilder();
            caCertificates().forEach(c -> pem.append(Pem.encode(c)));
            return Response.ok(pem.toString(), PEM_CHAIN).build();
        });
    }

    @GET
    @Path("crl")
    @Produces("application/pkix-crl")
    public Response crl() {
        return Guard.run(session, () -> {
            DeviceCas.Active ca = new DeviceCas(em(), realm.getId(), realm.getName(), clock, CaKeys.of(session, realm)).active();
            List<CertificateAuthority.Revoked> revoked = em().createNamedQuery("cityiam.dev.cert.revokedByCa", DeviceCertificateEntity.class)
                    .setParameter("caId", ca.entity().getId()).setParameter("now", clock.millis())
                    .getResultStream()
                    .map(c -> new CertificateAuthority.Revoked(new BigInteger(c.getSerial(), 16),
                            java.time.Instant.ofEpochMilli(c.getRevokedAt()), CertificateAuthority.reasonCode(c.getRevocationReason())))
                    .toList();
            try {
                byte[] der = ca.authority().crl(revoked, clock.instant(), Duration.ofHours(1), BigInteger.valueOf(clock.millis())).getEncoded();
                return Response.ok(der, "application/pkix-crl").header("Cache-Control", "max-age=60").build();
            } catch (CRLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** RFC 7030 §4.1: the CA certificates as a certs-only CMS message, base64 encoded. */
    @GET
    @Path("est/cacerts")
    @Produces("application/pkcs7-mime")
    public Response estCacerts() {
        return Guard.run(session, () -> Response.ok(certsOnly(caCertificates()), "application/pkcs7-mime; smime-type=certs-only")
                .header("Content-Transfer-Encoding", "base64").build());
    }

    /** RFC 7030 §4.5: ask for an ECDSA P-256 key signed with SHA-256. */
    @GET
    @Path("est/csrattrs")
    @Produces("application/csrattrs")
    public Response estCsrattrs() {
        // SEQUENCE { OID ecdsa-with-SHA256, OID secp256r1 }
        byte[] der = java.util.HexFormat.of().parseHex("3016" + "06082a8648ce3d040302" + "06082a8648ce3d030107");
        return Response.ok(Base64.getMimeEncoder().encodeToString(der), "application/csrattrs")
                .header("Content-Transfer-Encoding", "base64").build();
    }

    static String certsOnly(List<X509Certificate> certs) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addCertificates(new JcaCertStore(certs));
            return Base64.getMimeEncoder().encodeToString(gen.generate(new CMSAbsentContent()).getEncoded());
        } catch (CMSException | CertificateEncodingException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the certs-only CMS message", e);
        }
    }

    /** The active CA first, then earlier CAs that still vouch for certificates they issued. */
    private List<X509Certificate> caCertificates() {
        DeviceCas cas = new DeviceCas(em(), realm.getId(), realm.getName(), clock, CaKeys.of(session, realm));
        X509Certificate active = cas.active().authority().certificate();
        List<X509Certificate> out = new ArrayList<>(List.of(active));
        for (DeviceCaEntity e : cas.all()) {
            X509Certificate c = Pem.certificates(e.getCertPem()).get(0);
            if (!c.equals(active) && c.getNotAfter().toInstant().isAfter(clock.instant())) {
                out.add(c);
            }
        }
        return out;
    }

    private EnrollmentGroup enrollableGroup(String name) {
        return group(name, EnrollmentGroup.EVIDENCE_EAT);
    }

    private EnrollmentGroup group(String name, String evidenceType) {
        if (name == null || name.isBlank()) {
            throw CityIamException.badRequest("invalid_request", "group is required.");
        }
        EnrollmentGroup group = new Groups(em(), realm.getId(), clock).find(name)
                .orElseThrow(() -> CityIamException.badRequest("unknown_group", "There is no enrollment group " + name + "."));
        if (!group.isEnabled()) {
            throw new CityIamException(403, "group_disabled", "Enrollment group " + name + " is disabled.");
        }
        if (!group.accepts(evidenceType)) {
            throw CityIamException.badRequest("evidence_type_not_allowed", "Group " + name + " does not accept " + evidenceType + " enrolment.");
        }
        return group;
    }

    /** Burns the nonce in its own transaction, so it stays used even when the enrolment is then refused. */
    private void consumeNonce(String nonce, String group) {
        String realmId = realm.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s ->
                new Challenges(s.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId, clock).consume(nonce, group));
    }

    private String crlUrl() {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path("device-identity").path("crl").build().toString();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
