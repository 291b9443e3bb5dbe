<#ftl output_format="plainText">
${msg("cityIamTemporaryAccessEndingBody", target, realmName, expiresAt)}

${msg("cityIamTemporaryAccessEndingAction")}
