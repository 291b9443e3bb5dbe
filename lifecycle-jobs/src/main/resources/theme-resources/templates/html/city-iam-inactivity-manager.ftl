<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamInactivityManagerBody", subjectUsername, realmName, idleDays, disableInDays)}</p>
<p>${msg("cityIamInactivityManagerAction")}</p>
</@layout.emailLayout>
