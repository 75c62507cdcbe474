// The offers map: Leaflet, markers from the JSON element named by data-offer-map, grouped
// into clusters where they lie close together.
// Without JavaScript, or when the tiles cannot be loaded, the list below the map remains.
(function () {
  "use strict";

  function markerContent(marker) {
    // Built from elements, not HTML: titles and places are the providers' text.
    const content = document.createElement("div");
    const link = document.createElement("a");
    link.className = "kern-link";
    link.href = marker.url;
    link.textContent = marker.title;
    content.appendChild(link);
    if (marker.place) {
      const place = document.createElement("span");
      place.className = "kp-offer-popup__place";
      place.textContent = marker.place;
      content.appendChild(place);
    }
    return content;
  }

  function clusterIcon(cluster, label) {
    // A cluster is a button (Leaflet's keyboard markers): its name says what it holds and
    // what pressing it does; the number alone is what the eye sees.
    const count = cluster.getChildCount();
    const html = document.createElement("span");
    const number = document.createElement("span");
    number.setAttribute("aria-hidden", "true");
    number.textContent = String(count);
    const name = document.createElement("span");
    name.className = "kern-sr-only";
    name.textContent = (label || "%(count)s").replace("%(count)s", String(count));
    html.append(number, name);
    return L.divIcon({ html: html.outerHTML, className: "kp-offer-cluster", iconSize: L.point(44, 44) });
  }

  function initMap(element) {
    if (element.dataset.mapReady || typeof L === "undefined") {
      return;
    }
    const data = document.getElementById(element.dataset.offerMap);
    const markers = data ? JSON.parse(data.textContent) : [];
    element.dataset.mapReady = "true";
    element.textContent = "";
    const map = L.map(element, { zoomControl: false, scrollWheelZoom: false });
    element.setAttribute("aria-label", element.dataset.label);
    element.setAttribute("role", "region");
    L.control
      .zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut })
      .addTo(map);
    // Leaflet puts its controls after the markers; keyboard users reach the zoom first.
    const controls = element.querySelector(".leaflet-control-container");
    if (controls) {
      element.insertBefore(controls, element.firstChild);
    }
    if (element.dataset.tileUrl) {
      const tiles = L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 18,
        attribution: element.dataset.attribution,
      });
      tiles.once("tileerror", () => {
        const note = document.getElementById(element.dataset.tileError);
        if (note) {
          note.hidden = false;
        }
      });
      tiles.addTo(map);
    }
    // Nearby places form one cluster (leaflet.markercluster): a few tab stops and readable
    // pins instead of hundreds on top of each other. Without the plugin, plain markers.
    const group =
      typeof L.markerClusterGroup === "function"
        ? L.markerClusterGroup({
            showCoverageOnHover: false,
            maxClusterRadius: 60,
            iconCreateFunction: (cluster) => clusterIcon(cluster, element.dataset.clusterLabel),
          })
        : L.layerGroup();
    const points = [];
    for (const marker of markers) {
      const point = [marker.lat, marker.lon];
      points.push(point);
      group.addLayer(
        L.marker(point, { title: marker.title, alt: marker.title }).bindPopup(markerContent(marker))
      );
    }
    group.addTo(map);
    if (points.length) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 14 });
    } else {
      // Germany, when no offer has coordinates.
      map.setView([51.2, 10.4], 5);
    }
  }

  function initAll(root) {
    for (const element of root.querySelectorAll("[data-offer-map]")) {
      initMap(element);
    }
  }

  document.addEventListener("DOMContentLoaded", () => initAll(document));
  // htmx replaces the results (and the map) when the filters change.
  document.addEventListener("htmx:afterSettle", () => initAll(document));
})();
