<#-- The eID group and the remaining identity providers. cityEid (alias -> eID preset id) comes from the
     city-home-realm-discovery authenticator; without it every provider is listed as in keycloak.v2. -->
<#import "social-providers.ftl" as identityProviders>
<#macro show social>
    <#assign eid = cityEid!{}>
    <#assign eids = social.providers?filter(p -> eid[p.alias]??)>
    <#assign others = social.providers?filter(p -> !eid[p.alias]??)>
    <#if eids?has_content>
        <section id="city-eid" class="city-eid" aria-labelledby="city-eid-title">
            <h2 id="city-eid-title" class="city-eid__title">${msg("cityEidTitle")}</h2>
            <p class="city-eid__help">${msg("cityEidHelp")}</p>
            <ul class="city-eid__list">
                <#list eids as p>
                    <li>
                        <a id="eid-${p.alias}" class="pf-v5-c-button pf-m-secondary pf-m-block city-eid__button" href="${p.loginUrl}"
                           data-once-link data-disabled-class="${properties.kcFormSocialAccountListButtonDisabledClass!}">
                            <span class="city-eid__preset">${msg("cityEidPreset_" + eid[p.alias])}</span>
                            <span class="city-eid__name">${p.displayName!p.alias}</span>
                        </a>
                    </li>
                </#list>
            </ul>
        </section>
    </#if>
    <#if others?has_content>
        <@identityProviders.show social={"providers": others}/>
    </#if>
</#macro>
