<#ftl output_format="plainText">
${msg("cityIamReviewEscalatedBody", items, campaignName, realmName, deadline)}

${msg("cityIamReviewEscalatedAction")}
