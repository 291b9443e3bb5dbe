<#ftl output_format="plainText">
${msg("cityIamExtensionRequestedBody", requester, target, realmName, expiresAt, requestedUntil)}

${msg("cityIamExtensionRequestedReason")} ${reason}

${msg("cityIamExtensionRequestedAction")}
