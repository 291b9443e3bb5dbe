<#ftl output_format="plainText">
${msg("cityIamReviewReminderBody", items, campaignName, realmName, deadline)}

${msg("cityIamReviewReminderAction")}
