// Types for eslint.layers.js (plain JavaScript so eslint.config.js can load it without a build).
export declare const LAYERS: Record<string, string[]>;
export declare const PENDING_BREACHES: Record<string, string[]>;
export interface LayerZone {
  target: string;
  from: string[];
  message: string;
}
export declare function layerZones(layers?: Record<string, string[]>, pending?: Record<string, string[]>): LayerZone[];
