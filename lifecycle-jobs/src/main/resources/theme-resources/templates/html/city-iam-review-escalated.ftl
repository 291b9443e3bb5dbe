<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamReviewEscalatedBody", items, campaignName, realmName, deadline)}</p>
<p>${msg("cityIamReviewEscalatedAction")}</p>
</@layout.emailLayout>
