import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapSetup } from '@cansat/protocol/station';
import type { TrackSummary } from './geometry.ts';
import type { PlacedStation } from './panels.ts';
import { t } from '../i18n.ts';
import { offsetMetres } from './geometry.ts';

/** Fixes closer than this to the last point drawn add nothing a crew can see, m. */
const MIN_STEP_M = 2;

/**
 * The GPS track on a Leaflet map over the station's own tiles (the field has no internet): the launch point, the
 * ground station when its position is known, the path, and the CanSat (the landing point once LANDED). Markers are
 * vector circles: nothing fetched but the tiles.
 */
export class TrackMap {
  private readonly map: L.Map;
  private readonly path: L.Polyline;
  private readonly launch: L.CircleMarker;
  private readonly cansat: L.CircleMarker;
  private drawnRows = -1;
  private drawnAt = 0;
  private fitted = false;
  private readonly stationPoint: L.LatLng | null;

  constructor(
    readonly container: HTMLElement,
    private readonly setup: NonNullable<MapSetup['tiles']>,
    station: MapSetup['station'],
  ) {
    this.map = L.map(container, { minZoom: setup.minZoom, maxZoom: setup.maxZoom, attributionControl: true, zoomControl: true });
    this.map.attributionControl.setPrefix('Leaflet');
    L.tileLayer(setup.url, { minZoom: setup.minZoom, maxZoom: setup.maxZoom, attribution: escapeText(setup.attribution) || t('track.ownTiles') }).addTo(this.map);
    this.path = L.polyline([], { color: '#0047ab', weight: 4 }).addTo(this.map);
    this.launch = L.circleMarker([0, 0], { radius: 8, color: '#111', weight: 2, fillColor: '#0a7a2f', fillOpacity: 1 }).bindTooltip(t('track.launchPoint'));
    this.cansat = L.circleMarker([0, 0], { radius: 8, color: '#111', weight: 2, fillColor: '#c00000', fillOpacity: 1 }).bindTooltip(t('track.cansat'));
    this.stationPoint = station ? L.latLng(station.latitude, station.longitude) : null;
    if (station) {
      L.circleMarker([station.latitude, station.longitude], { radius: 7, color: '#111', weight: 3, fillColor: '#ffffff', fillOpacity: 1 })
        .bindTooltip(t('track.groundStation'), { permanent: false })
        .addTo(this.map);
      this.map.setView([station.latitude, station.longitude], Math.min(setup.maxZoom, Math.max(setup.minZoom, 15)));
    } else {
      this.map.setView([0, 0], setup.minZoom);
    }
    // The panel changes size with the window: the map must know.
    new ResizeObserver(() => this.map.invalidateSize()).observe(container);
  }

  /** Whether this map was made for these tiles. */
  shows(setup: MapSetup['tiles']): boolean {
    return setup !== null && setup.url === this.setup.url && setup.minZoom === this.setup.minZoom && setup.maxZoom === this.setup.maxZoom;
  }

  /** Brings the path and markers up to date; the path at most twice a second (it can hold two hours of fixes). */
  update(latitudes: Float64Array, longitudes: Float64Array, track: TrackSummary | null, landed: boolean): void {
    if (!track) {
      this.launch.remove();
      this.cansat.remove();
      this.path.setLatLngs([]);
      this.drawnRows = -1;
      return;
    }
    this.launch.setLatLng([track.origin.latitude, track.origin.longitude]).addTo(this.map);
    this.cansat.setLatLng([track.position.latitude, track.position.longitude]).addTo(this.map);
    this.cansat.setTooltipContent(t(landed ? 'track.landingPoint' : 'track.cansat'));
    const now = performance.now();
    if (latitudes.length !== this.drawnRows && (now - this.drawnAt > 500 || latitudes.length < this.drawnRows)) {
      this.drawnRows = latitudes.length;
      this.drawnAt = now;
      this.path.setLatLngs(thinned(latitudes, longitudes, track));
    }
    // The whole flight in view once, then again whenever the CanSat leaves it.
    const position = L.latLng(track.position.latitude, track.position.longitude);
    if (!this.fitted || !this.map.getBounds().contains(position)) {
      this.fitted = true;
      const points = [this.launch.getLatLng(), position, ...(this.stationPoint ? [this.stationPoint] : [])];
      this.map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: this.setup.maxZoom });
    }
  }

  private readonly stationMarkers = new Map<string, L.CircleMarker>();

  /** The network's stations (at a hub): a marker each, hollow when offline, named in its tooltip. */
  showStations(stations: readonly PlacedStation[]): void {
    for (const s of stations) {
      let marker = this.stationMarkers.get(s.name);
      if (!marker) {
        marker = L.circleMarker([s.latitude, s.longitude], { radius: 7, color: '#111', weight: 3 }).bindTooltip(s.name, { permanent: true, direction: 'right' }).addTo(this.map);
        this.stationMarkers.set(s.name, marker);
      }
      marker.setLatLng([s.latitude, s.longitude]);
      marker.setStyle({ fillColor: s.online === false ? '#ffffff' : '#111111', fillOpacity: 1 });
    }
  }

  remove(): void {
    this.map.remove();
  }
}

/** The fixes from the first to the latest, leaving out those within MIN_STEP_M of the last one kept. */
function thinned(latitudes: Float64Array, longitudes: Float64Array, track: TrackSummary): L.LatLngExpression[] {
  const points: L.LatLngExpression[] = [];
  let lastEast = Number.POSITIVE_INFINITY;
  let lastNorth = Number.POSITIVE_INFINITY;
  for (let i = track.first; i <= track.latest; i++) {
    const latitude = latitudes[i]!;
    const longitude = longitudes[i]!;
    if (Number.isNaN(latitude) || Number.isNaN(longitude)) continue;
    const [east, north] = offsetMetres(track.origin, { latitude, longitude });
    if (Math.hypot(east - lastEast, north - lastNorth) < MIN_STEP_M && i !== track.latest) continue;
    points.push([latitude, longitude]);
    lastEast = east;
    lastNorth = north;
  }
  return points;
}

/** The attribution is the crew's text: shown as text, never as markup. */
function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
