<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamReviewOverdueBody", items, campaignName, realmName, deadline)}</p>
<p>${msg("cityIamReviewOverdueAction")}</p>
</@layout.emailLayout>
