<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamReviewReminderBody", items, campaignName, realmName, deadline)}</p>
<p>${msg("cityIamReviewReminderAction")}</p>
</@layout.emailLayout>
