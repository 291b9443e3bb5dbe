<#ftl output_format="plainText">
${msg("cityIamReviewAssignedBody", items, campaignName, realmName, deadline)}

${msg("cityIamReviewAssignedAction")}
