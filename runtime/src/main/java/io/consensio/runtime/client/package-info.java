/**
 * A Java client of a node's HTTP API ({@link io.consensio.runtime.client.NodeClient}) on the JDK's
 * {@code java.net.http} client: submit transactions, follow them to finality, read accounts, blocks
 * and node status.
 */
package io.consensio.runtime.client;
