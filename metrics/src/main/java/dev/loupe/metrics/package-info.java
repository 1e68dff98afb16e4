/** Built-in evaluation metrics: faithfulness (deletion, insertion, ROAD), localisation and sanity checks. */
package dev.loupe.metrics;
