<#ftl output_format="plainText">
${msg("cityIamInactivityManagerBody", subjectUsername, realmName, idleDays, disableInDays)}

${msg("cityIamInactivityManagerAction")}
