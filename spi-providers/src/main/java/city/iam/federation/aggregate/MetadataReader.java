package city.iam.federation.aggregate;

import city.iam.kernel.error.CityIamException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the identity providers out of a verified {@code md:EntitiesDescriptor} (nested descriptors included).
 * Entities that are not SAML 2.0 IdPs are skipped; IdPs the broker could not use (no SSO endpoint, no usable
 * signing certificate, bad URLs) are counted as rejected rather than failing the whole aggregate.
 */
final class MetadataReader {

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String MDRPI = "urn:oasis:names:tc:SAML:metadata:rpi";
    static final String MDATTR = "urn:oasis:names:tc:SAML:metadata:attribute";
    static final String MDUI = "urn:oasis:names:tc:SAML:metadata:ui";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String SHIBMD = "urn:mace:shibboleth:metadata:1.0";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    private static final Set<String> CATEGORY_ATTRIBUTES = Set.of("http://macedir.org/entity-category",
            "http://macedir.org/entity-category-support");
    private static final int MAX_ID_LENGTH = 1024;

    /** What was found: usable IdPs, and how many IdP entities were unusable. */
    record Entities(List<IdpEntity> idps, int rejected, int nonIdp) {
    }

    private MetadataReader() {
    }

    static Element requireAggregateRoot(org.w3c.dom.Document doc) {
        Element root = doc.getDocumentElement();
        if (root == null || !MD.equals(root.getNamespaceURI()) || !"EntitiesDescriptor".equals(root.getLocalName())) {
            throw CityIamException.badRequest("not_an_aggregate", "The document is not a SAML metadata aggregate (md:EntitiesDescriptor).");
        }
        return root;
    }

    /** The aggregate's {@code validUntil}, which must be present and in the future. */
    static Instant validUntil(Element root, Instant now) {
        String v = root.getAttribute("validUntil");
        if (v.isEmpty()) {
            throw CityIamException.badRequest("missing_valid_until", "The aggregate has no validUntil; unbounded metadata is not imported.");
        }
        Instant until;
        try {
            until = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("malformed_metadata", "The aggregate's validUntil is not an xs:dateTime: " + v);
        }
        if (!until.isAfter(now)) {
            throw CityIamException.badRequest("expired_metadata", "The aggregate expired at " + until + ".");
        }
        return until;
    }

    static Entities read(Element root) {
        List<IdpEntity> idps = new ArrayList<>();
        int[] rejected = {0};
        int[] nonIdp = {0};
        walk(root, registrationAuthority(root, null), entity -> {
            Element idp = child(entity.element, MD, "IDPSSODescriptor");
            if (idp == null || !idp.getAttribute("protocolSupportEnumeration").contains(SAML2_PROTOCOL)) {
                nonIdp[0]++;
                return;
            }
            IdpEntity e = toIdp(entity.element, idp, entity.registrationAuthority);
            if (e == null) {
                rejected[0]++;
            } else {
                idps.add(e);
            }
        });
        return new Entities(idps, rejected[0], nonIdp[0]);
    }

    private record Found(Element element, String registrationAuthority) {
    }

    private static void walk(Element descriptor, String inheritedAuthority, Consumer<Found> sink) {
        for (Node n = descriptor.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !MD.equals(e.getNamespaceURI())) {
                continue;
            }
            if ("EntityDescriptor".equals(e.getLocalName())) {
                sink.accept(new Found(e, registrationAuthority(e, inheritedAuthority)));
            } else if ("EntitiesDescriptor".equals(e.getLocalName())) {
                walk(e, registrationAuthority(e, inheritedAuthority), sink);
            }
        }
    }

    private static IdpEntity toIdp(Element entity, Element idp, String authority) {
        String entityId = entity.getAttribute("entityID").trim();
        if (entityId.isEmpty() || entityId.length() > MAX_ID_LENGTH) {
            return null;
        }
        String ssoUrl = null;
        boolean post = false;
        String sloUrl = null;
        List<String> certs = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        for (Node n = idp.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            String name = e.getLocalName();
            if (MD.equals(e.getNamespaceURI()) && "SingleSignOnService".equals(name)) {
                String binding = e.getAttribute("Binding");
                // Prefer HTTP-Redirect for the request; HTTP-POST when that is all the IdP offers.
                if (REDIRECT.equals(binding) && (ssoUrl == null || post)) {
                    ssoUrl = e.getAttribute("Location");
                    post = false;
                } else if (POST.equals(binding) && ssoUrl == null) {
                    ssoUrl = e.getAttribute("Location");
                    post = true;
                }
            } else if (MD.equals(e.getNamespaceURI()) && "SingleLogoutService".equals(name) && sloUrl == null
                    && (REDIRECT.equals(e.getAttribute("Binding")) || POST.equals(e.getAttribute("Binding")))) {
                sloUrl = e.getAttribute("Location");
            } else if (MD.equals(e.getNamespaceURI()) && "KeyDescriptor".equals(name)) {
                String use = e.getAttribute("use");
                if (use.isEmpty() || "signing".equals(use)) {
                    for (Element cert : descendants(e, DS, "X509Certificate")) {
                        String b64 = cert.getTextContent().replaceAll("\\s", "");
                        if (isCertificate(b64)) {
                            certs.add(b64);
                        }
                    }
                }
            } else if (MD.equals(e.getNamespaceURI()) && "Extensions".equals(name)) {
                for (Element scope : descendants(e, SHIBMD, "Scope")) {
                    if (!"true".equals(scope.getAttribute("regexp"))) {
                        scopes.add(scope.getTextContent().trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        if (!isHttpUrl(ssoUrl) || certs.isEmpty() || (sloUrl != null && !isHttpUrl(sloUrl))) {
            return null;
        }
        return new IdpEntity(entityId, displayName(entity, idp, entityId), ssoUrl, post, sloUrl, List.copyOf(certs),
                authority, categories(entity), List.copyOf(scopes));
    }

    private static String displayName(Element entity, Element idp, String fallback) {
        String first = null;
        for (Element d : descendants(idp, MDUI, "DisplayName")) {
            String lang = d.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
            if ("en".equals(lang)) {
                return clip(d.getTextContent());
            }
            first = first == null ? d.getTextContent() : first;
        }
        if (first == null) {
            for (Element d : descendants(entity, MD, "OrganizationDisplayName")) {
                first = d.getTextContent();
                break;
            }
        }
        return clip(first == null ? fallback : first);
    }

    private static String clip(String s) {
        String t = s.trim();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    private static Set<String> categories(Element entity) {
        Set<String> out = new LinkedHashSet<>();
        Element ext = child(entity, MD, "Extensions");
        if (ext == null) {
            return out;
        }
        for (Element attrs : descendants(ext, MDATTR, "EntityAttributes")) {
            for (Element attr : descendants(attrs, SAML, "Attribute")) {
                if (CATEGORY_ATTRIBUTES.contains(attr.getAttribute("Name"))) {
                    for (Element v : descendants(attr, SAML, "AttributeValue")) {
                        out.add(v.getTextContent().trim());
                    }
                }
            }
        }
        return out;
    }

    private static String registrationAuthority(Element descriptor, String inherited) {
        Element ext = child(descriptor, MD, "Extensions");
        if (ext != null) {
            Element info = child(ext, MDRPI, "RegistrationInfo");
            if (info != null && !info.getAttribute("registrationAuthority").isEmpty()) {
                return info.getAttribute("registrationAuthority");
            }
        }
        return inherited;
    }

    private static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> descendants(Element parent, String ns, String local) {
        org.w3c.dom.NodeList list = parent.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static boolean isHttpUrl(String s) {
        if (s == null || s.isBlank() || s.length() > 2048) {
            return false;
        }
        try {
            URI u = URI.create(s.trim());
            return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCertificate(String b64) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
            return true;
        } catch (IllegalArgumentException | CertificateException e) {
            return false;
        }
    }
}
