/**
 * PostgreSQL persistence: the batch consumer's store and the REST API's startup snapshot. Not built yet.
 */
package com.acme.wallet.adapter.postgres;
