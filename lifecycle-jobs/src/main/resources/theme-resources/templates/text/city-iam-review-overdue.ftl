<#ftl output_format="plainText">
${msg("cityIamReviewOverdueBody", items, campaignName, realmName, deadline)}

${msg("cityIamReviewOverdueAction")}
