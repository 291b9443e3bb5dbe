<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamReviewAssignedBody", items, campaignName, realmName, deadline)}</p>
<p>${msg("cityIamReviewAssignedAction")}</p>
</@layout.emailLayout>
