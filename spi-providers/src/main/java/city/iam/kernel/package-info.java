/**
 * The city-iam kernel: what every module shares and nothing else — the JSON error model, request bodies and
 * paging, realm-scoped settings, the clock, module roles and caller checks, and the hash-chained audit log.
 * Feature modules depend on this package; it depends on no feature.
 */
package city.iam.kernel;
