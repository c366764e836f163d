/**
 * Everything VitalStorm persists, in one place: the layout of each stored value and its version.
 * The domain classes hand over plain snapshots ({@link io.vitalstorm.core.state.RiskState},
 * {@link io.vitalstorm.core.state.StoredEpisode}) and are rebuilt from them; the codecs here own the bytes and the
 * text, and read every older version still in service, so a newer worker resumes an older worker's
 * checkpoint. This package depends on no domain package (only {@code model}, {@code news2} and
 * {@code json}), so every domain package may use it.
 *
 * <ul>
 *   <li>{@link io.vitalstorm.core.state.RiskStateCodec}: a patient's risk checkpoint ({@code vs:state:<patientId>});
 *       first byte the format (writes 4, reads 2 to 4).</li>
 *   <li>{@link io.vitalstorm.core.state.EpisodeCodec}: an alert episode ({@code vs:episode:<patientId>}, a field
 *       per condition); text, version 1 untagged.</li>
 *   <li>{@link io.vitalstorm.core.state.OpenAlertCodec}: an entry of the open-alerts index
 *       ({@code vs:alerts:open}); JSON, version 1 untagged.</li>
 * </ul>
 */
package io.vitalstorm.core.state;
