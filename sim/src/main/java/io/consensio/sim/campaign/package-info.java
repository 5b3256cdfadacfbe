/**
 * Seeded fault campaigns: {@link io.consensio.sim.campaign.ScenarioGenerator} draws each seed's
 * fault mix and byzantine nodes from the seed alone, {@link
 * io.consensio.sim.campaign.CampaignRunner} runs the seeds of a {@link
 * io.consensio.sim.campaign.CampaignProfile} and {@link io.consensio.sim.campaign.CampaignReport}
 * prints seeds, steps, safety violations, committed transactions lost, forged messages accepted and
 * liveness failures, with a replay command per failing seed.
 */
package io.consensio.sim.campaign;
