<#ftl output_format="plainText">
${msg("cityIamDeviceStatusBody", device.deviceId, device.group, realmName, msg("cityIamDeviceStatus_" + device.status))}

${msg("cityIamDeviceStatusReason", device.reason)}
${msg("cityIamDeviceStatusActor", device.actor, device.at)}

${msg("cityIamDeviceStatusMeaning_" + device.status)}
