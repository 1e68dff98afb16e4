/**
 * Sanity checks (Adebayo et al. 2018): does a map depend on the model's parameters and on the
 * class explained? Model-parameter randomisation and random-label comparison, with Spearman rank
 * correlation and SSIM as the similarity measures.
 */
package dev.loupe.metrics.sanity;
