import type { MapSetup } from '@cansat/protocol/station';
import type { TrackSummary } from './geometry.ts';
import { ensureInfo, renderTrack, renderTrackInfo, type PlacedStation } from './panels.ts';
import { TrackMap } from './track-map.ts';

/**
 * The GPS panel: a map over the station's tiles when it has some, else the offline grid with range rings; both say
 * how far the CanSat is from the launch point and from the station.
 */
export class GpsPanel {
  private map: TrackMap | null = null;

  constructor(private readonly root: HTMLElement) {}

  /** `stations`: at a hub, the network's stations that say where they stand. */
  render(latitudes: Float64Array, longitudes: Float64Array, track: TrackSummary | null, setup: MapSetup, landed: boolean, stations: readonly PlacedStation[] = []): void {
    if (!setup.tiles) {
      if (this.map) {
        this.map.remove();
        this.map = null;
        this.root.innerHTML = '';
      }
      renderTrack(this.root, latitudes, longitudes, track, setup.station, stations);
      return;
    }
    if (!this.map?.shows(setup.tiles)) {
      this.map?.remove();
      // No title over a map: it explains itself, and at 768 px every line counts.
      this.root.innerHTML = '<div class="map" data-field="map"></div>';
      this.map = new TrackMap(this.root.querySelector<HTMLElement>('.map')!, setup.tiles, setup.station);
    }
    this.map.update(latitudes, longitudes, track, landed);
    this.map.showStations(stations);
    renderTrackInfo(ensureInfo(this.root), track, setup.station);
  }
}
