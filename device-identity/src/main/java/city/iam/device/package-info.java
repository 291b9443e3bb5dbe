/**
 * Device identity: IDevID/EAT enrolment, the realm's city device CA, the device registry, certificate-bound
 * tokens, rotation, quarantine and revocation (issue "device-identity"). Packages per feature:
 * {@code city.iam.device.<feature>}; depends on the kernel ({@code city.iam.kernel}) only.
 */
package city.iam.device;
