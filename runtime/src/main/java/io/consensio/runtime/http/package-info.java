/**
 * The node's HTTP/1.1 JSON API: {@link io.consensio.runtime.http.HttpApiServer} on Netty, serving
 * transaction submission and status, blocks, node status, accounts and Prometheus metrics.
 *
 * <p>How a request flows: Netty decodes and aggregates it (bodies above the limit get a JSON 413),
 * {@code ApiChannelHandler} matches a route, the route parses its input on the Netty thread, hops
 * onto the node's event loop through {@code NodeAccess} for the one read or write of node state,
 * and comes back to the Netty thread to render JSON and write the answer — in request order.
 */
package io.consensio.runtime.http;
