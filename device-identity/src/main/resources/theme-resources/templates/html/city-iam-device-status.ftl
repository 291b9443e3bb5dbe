<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cityIamDeviceStatusBody", device.deviceId, device.group, realmName, msg("cityIamDeviceStatus_" + device.status))}</p>
<ul>
<li>${msg("cityIamDeviceStatusReason", device.reason)}</li>
<li>${msg("cityIamDeviceStatusActor", device.actor, device.at)}</li>
</ul>
<p>${msg("cityIamDeviceStatusMeaning_" + device.status)}</p>
</@layout.emailLayout>
