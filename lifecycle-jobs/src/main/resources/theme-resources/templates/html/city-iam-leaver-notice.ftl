<#import "template.ftl" as layout>
<@layout.emailLayout>
<p><#if asManager>${msg("cityIamLeaverNoticeManagerBody", leaver, realmName, leftAt)}<#else>${msg("cityIamLeaverNoticeOwnerBody", leaver, realmName, leftAt)}</#if></p>
<#if items?has_content>
<ul>
<#list items as item><li>${item}</li>
</#list>
</ul>
<#else>
<p>${msg("cityIamLeaverNoticeNothingRemoved")}</p>
</#if>
<p>${msg("cityIamLeaverNoticeAction")}</p>
</@layout.emailLayout>
