import createClient from "openapi-fetch";
import type { paths } from "./schema";

/**
 * A client as another team would write one: the types generated from the
 * published OpenAPI document and a generic fetch wrapper, no ops-hub code.
 * It exchanges a key for a token, lists widgets of one type, records an
 * event on the first and reads it back.
 */
export type Exchange = {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  apiKey: string;
  hub: string;
  widgetType: string;
  eventType: string;
  idempotencyKey: string;
};

export async function recordAndReadBack(exchange: Exchange) {
  const { baseUrl, fetch, hub, widgetType, eventType } = exchange;
  const anonymous = createClient<paths>({ baseUrl, fetch });
  const token = await anonymous.POST("/token", { body: { api_key: exchange.apiKey } });
  if (!token.data) throw new Error(`token: ${token.response.status} ${token.error?.error}`);

  const client = createClient<paths>({
    baseUrl,
    fetch,
    headers: { authorization: `${token.data.token_type} ${token.data.access_token}` },
  });
  const widgets = await client.GET("/widgets", {
    params: { query: { hub, widget_type: widgetType, sort: "-createdAt", per_page: 10 } },
  });
  if (!widgets.data) throw new Error(`widgets: ${widgets.error.error}`);
  const widget = widgets.data.data[0];
  if (!widget) throw new Error(`no widget of type ${widgetType}`);

  const created = await client.POST("/interaction-events", {
    params: { header: { "Idempotency-Key": exchange.idempotencyKey } },
    body: { widgetId: widget.id, eventType, metadata: { outcome: "pass" } },
  });
  if (!created.data) throw new Error(`record: ${created.error.error}`);

  const events = await client.GET("/interaction-events", {
    params: { query: { hub, widget_id: widget.id, event_type: eventType, per_page: 1 } },
  });
  if (!events.data) throw new Error(`events: ${events.error.error}`);
  return {
    expiresIn: token.data.expires_in,
    widgetTypes: widgets.data.data.map((w) => w.widgetType),
    created: created.data,
    readBack: events.data.data[0],
  };
}
