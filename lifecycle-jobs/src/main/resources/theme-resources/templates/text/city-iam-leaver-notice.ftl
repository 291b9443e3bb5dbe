<#ftl output_format="plainText">
<#if asManager>${msg("cityIamLeaverNoticeManagerBody", leaver, realmName, leftAt)}<#else>${msg("cityIamLeaverNoticeOwnerBody", leaver, realmName, leftAt)}</#if>

<#if items?has_content>
<#list items as item>- ${item}
</#list>
<#else>
${msg("cityIamLeaverNoticeNothingRemoved")}
</#if>

${msg("cityIamLeaverNoticeAction")}
