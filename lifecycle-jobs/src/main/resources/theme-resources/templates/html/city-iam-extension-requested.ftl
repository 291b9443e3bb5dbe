<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamExtensionRequestedBody", requester, target, realmName, expiresAt, requestedUntil)}</p>
<p>${msg("cityIamExtensionRequestedReason")} ${reason}</p>
<p>${msg("cityIamExtensionRequestedAction")}</p>
</@layout.emailLayout>
