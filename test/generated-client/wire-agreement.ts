import type { z } from "zod";
import type { InterHubClient } from "@/lib/interhub/client";
import type * as wire from "@/lib/interhub/wire";
import type { components, paths } from "./schema";

/**
 * lib/interhub's hand-written side agrees with the types generated from the
 * published document: this file compiles only while every wire schema is
 * the document's, and every list method of the client offers exactly the
 * query parameters its operation declares.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type Schemas = components["schemas"];

export type Resources = [
  Holds<Same<z.output<typeof wire.wireHub>, Schemas["Hub"]>>,
  Holds<Same<z.output<typeof wire.wireManifest>, Schemas["HubCapabilityManifest"]>>,
  Holds<Same<z.output<typeof wire.wireVocabularyEntry>, Schemas["VocabularyEntry"]>>,
  Holds<Same<z.output<typeof wire.wireApiConsumer>, Schemas["ApiConsumer"]>>,
  Holds<Same<z.output<typeof wire.wireApiKey>, Schemas["ApiKey"]>>,
  Holds<Same<z.output<typeof wire.wireCreatedApiKey>, Schemas["CreatedApiKey"]>>,
  Holds<Same<z.output<typeof wire.wireHubRegistryEntry>, Schemas["HubRegistryEntry"]>>,
  Holds<Same<z.output<typeof wire.wireWidget>, Schemas["Widget"]>>,
  Holds<Same<z.output<typeof wire.wireInteractionEvent>, Schemas["InteractionEvent"]>>,
  Holds<Same<z.output<typeof wire.wireAnnotation>, Schemas["Annotation"]>>,
  Holds<Same<z.output<typeof wire.wireChangePage>, Schemas["ChangePage"]>>,
  Holds<Same<z.output<typeof wire.wireToken>, Schemas["Token"]>>,
];

export type Requests = [
  Holds<Same<z.input<typeof wire.tokenRequest>, Schemas["TokenRequest"]>>,
  Holds<Same<z.input<typeof wire.hubCreateRequest>, Schemas["HubCreateRequest"]>>,
  Holds<
    Same<z.input<typeof wire.manifestCreateRequest>, Schemas["HubCapabilityManifestCreateRequest"]>
  >,
  Holds<Same<z.input<typeof wire.apiConsumerCreateRequest>, Schemas["ApiConsumerCreateRequest"]>>,
  Holds<Same<z.input<typeof wire.apiKeyCreateRequest>, Schemas["ApiKeyCreateRequest"]>>,
  Holds<Same<z.input<typeof wire.widgetCreateRequest>, Schemas["WidgetCreateRequest"]>>,
  Holds<Same<z.input<typeof wire.widgetUpdateRequest>, Schemas["WidgetUpdateRequest"]>>,
  Holds<
    Same<
      z.input<typeof wire.interactionEventCreateRequest>,
      Schemas["InteractionEventCreateRequest"]
    >
  >,
  Holds<Same<z.input<typeof wire.annotationCreateRequest>, Schemas["AnnotationCreateRequest"]>>,
];

/** `perPage` → `per_page`: the wire's spelling of the app's name. */
type SnakeCase<Name extends string> = Name extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : Name;
/** A client method's parameters as sent: `widgetIds` travels as `widget_id`. */
type OnTheWire<Params> = {
  [Name in Exclude<keyof Params, "widgetIds"> & string as SnakeCase<Name>]: Params[Name];
};
type QueryOf<Path extends keyof paths> = paths[Path] extends {
  get: { parameters: { query?: infer Query } };
}
  ? NonNullable<Query>
  : never;
type ListMethod = Exclude<keyof InterHubClient, "tokenExchanges">;
type ParamsOf<Method extends ListMethod> = NonNullable<Parameters<InterHubClient[Method]>[0]>;
/** The same names, and each value the client may pass is one the operation takes. */
type Offers<Params, Path extends keyof paths> =
  Same<keyof OnTheWire<Params>, keyof QueryOf<Path>> extends true
    ? OnTheWire<Params> extends QueryOf<Path>
      ? true
      : false
    : false;

export type Queries = [
  Holds<Offers<ParamsOf<"listHubs">, "/hubs">>,
  Holds<Offers<ParamsOf<"listManifests">, "/hub-capability-manifests">>,
  Holds<Offers<ParamsOf<"listWidgetTypes">, "/widget-types">>,
  Holds<Offers<ParamsOf<"listEventTypes">, "/event-types">>,
  Holds<Offers<ParamsOf<"listAnnotationCategories">, "/annotation-categories">>,
  Holds<Offers<ParamsOf<"listPolicyScopes">, "/policy-scopes">>,
  Holds<Offers<ParamsOf<"listApiConsumers">, "/api-consumers">>,
  Holds<
    Offers<NonNullable<Parameters<InterHubClient["listApiKeys"]>[1]>, "/api-consumers/{id}/keys">
  >,
  Holds<Offers<ParamsOf<"listHubRegistry">, "/hub-registry">>,
  Holds<Offers<ParamsOf<"listWidgets">, "/widgets">>,
  Holds<Offers<ParamsOf<"listEvents">, "/interaction-events">>,
  Holds<Offers<ParamsOf<"listLatestEvents">, "/interaction-events/latest">>,
  Holds<Offers<ParamsOf<"listAnnotations">, "/annotations">>,
];
