/** JSON forms of specs, plans, provenance and results, through one configured Jackson mapper. */
package org.transferable.json;
