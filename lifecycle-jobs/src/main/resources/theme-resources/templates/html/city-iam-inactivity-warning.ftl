<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamInactivityWarningBody", user.username, realmName, idleDays, disableInDays)}</p>
<p>${msg("cityIamInactivityWarningAction")}</p>
</@layout.emailLayout>
