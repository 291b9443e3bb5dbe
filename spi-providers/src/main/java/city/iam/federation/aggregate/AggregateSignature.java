package city.iam.federation.aggregate;

import city.iam.kernel.error.CityIamException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.KeySelector;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * Verifies the enveloped signature of an aggregate against the pinned signing key, and only a signature that
 * covers the whole document: exactly one {@code ds:Signature}, a direct child of the root, with one reference
 * to the root itself and only the enveloped/canonicalisation transforms. That closes signature-wrapping tricks
 * where a valid signature over some other element vouches for the entities we read. Keys inside the document
 * ({@code KeyInfo}) are ignored: trust comes from the pin alone.
 */
final class AggregateSignature {

    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(Transform.ENVELOPED,
            CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS,
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS);

    private AggregateSignature() {
    }

    static void verify(Element root, PublicKey pinned) {
        Element signature = onlySignature(root);
        String id = root.getAttribute("ID");
        if (!id.isEmpty()) {
            root.setIdAttribute("ID", true);
        }
        try {
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            DOMValidateContext context = new DOMValidateContext(KeySelector.singletonKeySelector(pinned), signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature xmlSignature = factory.unmarshalXMLSignature(context);
            checkReferences(xmlSignature.getSignedInfo().getReferences(), id);
            if (!xmlSignature.validate(context)) {
                throw refused("The aggregate's signature does not verify with the pinned signing certificate (the document was changed or signed by someone else).");
            }
        } catch (MarshalException | XMLSignatureException e) {
            throw refused("The aggregate's signature could not be checked: " + e.getMessage());
        }
    }

    private static Element onlySignature(Element root) {
        Element found = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XMLSignature.XMLNS.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName())) {
                if (found != null) {
                    throw refused("The aggregate carries more than one signature on its root.");
                }
                found = e;
            }
        }
        if (found == null) {
            throw refused("The aggregate is not signed; only signed aggregates are imported.");
        }
        if (root.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").getLength() != 1) {
            // Signatures on inner entities are not needed and only widen what a verifier must reason about.
            throw refused("The aggregate must carry exactly one signature, on its root element.");
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void checkReferences(List<?> references, String rootId) {
        if (references.size() != 1) {
            throw refused("The aggregate's signature must have exactly one reference, to the whole document.");
        }
        Reference ref = (Reference) references.get(0);
        String uri = ref.getURI();
        boolean wholeDocument = uri == null || uri.isEmpty() || (!rootId.isEmpty() && uri.equals("#" + rootId));
        if (!wholeDocument) {
            throw refused("The aggregate's signature does not cover the root element.");
        }
        for (Transform t : (List<Transform>) ref.getTransforms()) {
            if (!ALLOWED_TRANSFORMS.contains(t.getAlgorithm())) {
                throw refused("The aggregate's signature uses a transform that is not accepted: " + t.getAlgorithm());
            }
        }
    }

    private static CityIamException refused(String description) {
        return CityIamException.badRequest("invalid_signature", description);
    }
}
