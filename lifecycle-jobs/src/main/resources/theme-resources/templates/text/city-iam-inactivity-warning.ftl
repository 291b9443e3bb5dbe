<#ftl output_format="plainText">
${msg("cityIamInactivityWarningBody", user.username, realmName, idleDays, disableInDays)}

${msg("cityIamInactivityWarningAction")}
