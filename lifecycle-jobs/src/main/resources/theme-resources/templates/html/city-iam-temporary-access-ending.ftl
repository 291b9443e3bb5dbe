<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamTemporaryAccessEndingBody", target, realmName, expiresAt)}</p>
<p>${msg("cityIamTemporaryAccessEndingAction")}</p>
</@layout.emailLayout>
