# Varnish in front of Dateline's production server, purged by cache tag.
#
# Needs Debian's `varnish` and `varnish-modules` (the xkey module). Point the backend at the
# production server (PORT), start Varnish with this file, and set on every Dateline instance
#   DATELINE_PURGE_URLS=http://<varnish host>:<varnish port>/
# Dateline then sends `PURGE /` with the changed tags in `Surrogate-Key` after every publish, update,
# correction, unpublish, scheduled publish and change to sections or settings; pages name their tags
# in the same header. `npm run test:faults` (faults/varnish.test.ts) runs this file for real.
vcl 4.1;

import std;
import xkey;

backend dateline {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: Dateline's instances. Add their addresses when Varnish runs on another machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.Surrogate-Key) {
            return (synth(400, "Surrogate-Key header required"));
        }
        set req.http.n-gone = xkey.purge(req.http.Surrogate-Key);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, sign-in, API and Next's client-side navigation payloads are per person: never cached.
    if (req.url ~ "^/(desk|api|login|setup|invite)(/|\?|$)" || req.http.rsc || req.http.next-action || req.http.next-router-prefetch) {
        return (pass);
    }
    # Public pages are the same for everyone: a staff member's session cookie must not make them
    # uncacheable (Dateline ignores it there).
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_backend_response {
    # Only what Dateline marks as cacheable by a shared cache is kept; everything else (404s, 410s,
    # redirects from the proxy, per-request pages) goes to the backend every time.
    if (beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]" || beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # xkey reads the tags from its own header; Dateline sends them as Surrogate-Key.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Via;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
