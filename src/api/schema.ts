// Generated from openapi/fas.yaml by scripts/build.mjs. Do not edit.
export interface paths {
    "/api/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List executions */
        get: operations["listExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
                 *     either case, that no other id of the collection starts with. A prefix
                 *     that several ids start with is a 409 listing them; 1 to 3 hex
                 *     characters that are no id, a 422; any other text that names nothing, a 404.
                 */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Get an execution, or wait for its end */
        get: operations["getExecution"];
        put?: never;
        post?: never;
        /**
         * Cancel an execution
         * @description Cancels an execution that is not final; its status becomes `cancelled`.
         */
        delete: operations["cancelExecution"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/spots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the pool's spots
         * @description The pool, oldest first. Removed spots are listed only with `state=removed`.
         */
        get: operations["listSpots"];
        /**
         * Add a spot
         * @description Adds one spot to the pool. Without a body, the account's default metro
         *     and plan at the current spot price. `tags` and `description` are the
         *     spot's from its creation: no moment exists when it lacks them.
         */
        put: operations["addSpot"];
        post?: never;
        /**
         * Remove the newest spot
         * @description Removes the newest spot of the pool that is not locked and not already being removed.
         */
        delete: operations["removeNewestSpot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/spots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The spot's id, its IP address, its hostname, or a prefix of its id of
                 *     at least 4 hex characters, in either case, that no other spot's id
                 *     starts with. Looked up in that order: an id or an IP names one spot at
                 *     most; a hostname or a prefix that names several is a 409 listing them;
                 *     1 to 3 hex characters that name nothing are a 422; any other text that
                 *     names nothing, a 404.
                 */
                id: components["parameters"]["SpotId"];
            };
            cookie?: never;
        };
        /** Get a spot */
        get: operations["getSpot"];
        /**
         * Change a spot, or convert it to on-demand
         * @description `{"spot_instance": false}` converts the spot to on-demand (409 once it
         *     has a termination time; converting back is not possible). Also takes
         *     `hostname`, `tags`, `description` and `locked`.
         */
        put: operations["updateSpot"];
        post?: never;
        /**
         * Remove a spot
         * @description Removes this spot. 409 when it is locked, already removed, or busy
         *     (an execution on it has not ended). A spot under revocation notice
         *     (`terminating` with a `termination_time`) can be removed; its notice
         *     keeps running, so if the removal fails or is cancelled it stays
         *     `terminating` and goes at its termination time.
         */
        delete: operations["removeSpot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/market/spot/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current spot prices */
        get: operations["getSpotPrices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/market/spot/prices/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A market's price history */
        get: operations["getSpotPriceHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List plans */
        get: operations["listPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metros": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List metros */
        get: operations["listMetros"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/spot-market-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List bids */
        get: operations["listBids"];
        put?: never;
        /**
         * Create a bid
         * @description Besides its schema: `metro` and `instance_parameters.plan` must be
         *     known, `devices_max` at least `devices_min`, `end_at` in the future,
         *     and `instance_parameters` nested at most 32 levels deep.
         */
        post: operations["createBid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/spot-market-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
                 *     either case, that no other id of the collection starts with. A prefix
                 *     that several ids start with is a 409 listing them; 1 to 3 hex
                 *     characters that are no id, a 422; any other text that names nothing, a 404.
                 */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Get a bid */
        get: operations["getBid"];
        put?: never;
        post?: never;
        /**
         * Cancel a bid
         * @description Cancels the bid and keeps its spots. With `force_termination` (query
         *     `?force_termination=true` or body `{"force_termination": true}`) its
         *     spots are removed too, at once. A locked spot is not removed: while
         *     any of the bid's spots is locked, a forced cancellation is a 409
         *     naming them, and nothing is done (the bid stays open). 409 also when
         *     the bid has already ended.
         */
        delete: operations["deleteBid"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's events after a cursor, or wait for the next
         * @description The account's events after the cursor `after`, oldest first, at most
         *     `limit` of them. `next` is always the cursor to ask with next: the id
         *     of the last event given when the answer is full (`limit` events, so
         *     more may follow at once), else the latest event id of the server
         *     (everything up to it has been looked at), and never less than the
         *     cursor asked with. Event ids are whole numbers written as strings,
         *     strictly increasing across the server; one account sees gaps in them.
         *
         *     - `after` absent (and no `since`): from now. No events, and `next` is
         *       the latest cursor; with `wait`, the answer holds for the first event
         *       after it. This is what a follower starts with.
         *     - `since` (instead of `after`): the events from that time on, as if
         *       `after` were the cursor of the last event before it.
         *     - `after` and `since` together are a 422.
         *     - A cursor that is not one this server gave, or whose events after it
         *       are no longer kept (older than 7 days), is a 410 whose body gives
         *       `oldest`: the oldest cursor that can be read from without a gap. A
         *       `since` before what is kept is a 410 too.
         *     - `wait=S` (at most 60): when no event matches, hold the answer up to S
         *       seconds until one is written. A client must also work when a server
         *       ignores it.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the sandbox is up
         * @description Answers without a token, saying only that a sandbox is up. With the
         *     sandbox's token it also says which one: its version, pid, data
         *     directory, whether it takes admin routes, its rate limit and the
         *     faults it injected.
         */
        get: operations["sandboxHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Hold a market at a price
         * @description (`--admin` only) Sets a market's spot price from now until it is set
         *     again or cleared. `metro` and `plan` must be known.
         */
        put: operations["sandboxSetPrice"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the sandbox's clock
         * @description (`--admin` only) The sandbox's clock.
         */
        get: operations["sandboxGetClock"];
        put?: never;
        /**
         * Move the sandbox's clock forward
         * @description (`--admin` only) Moves the sandbox's clock forward; everything due by
         *     then happens. The clock stays before 9999-12-31: a larger advance is a
         *     422 that says how far it may go.
         */
        post: operations["sandboxAdvanceClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            errors: string[];
        };
        /** @description An id prefix, or a spot's hostname, that names more than one resource. */
        AmbiguousError: {
            errors: string[];
            /** @description the first 10 of the resources it names, by id */
            matches: {
                /** Format: uuid */
                id: string;
                /** @description for a spot: its hostname */
                hostname?: string;
            }[];
            /** @description how many resources it names */
            total: number;
        };
        Href: {
            href: string;
        } | null;
        Meta: {
            total: number;
            current_page: number;
            last_page: number;
            first: components["schemas"]["Href"];
            previous: components["schemas"]["Href"];
            next: components["schemas"]["Href"];
            last: components["schemas"]["Href"];
            self: components["schemas"]["Href"];
        };
        /**
         * @description `pending` → `started` → `completed`, `failed` or `cancelled` (from
         *     either of the first two). An execution ends once; an ended one never
         *     changes again.
         * @enum {string}
         */
        ExecutionStatus: "pending" | "started" | "completed" | "failed" | "cancelled";
        /** @enum {string} */
        Operation: "spot.add" | "spot.remove";
        ExecutionRef: {
            /** Format: uuid */
            execution_id: string;
        };
        Execution: {
            /** Format: uuid */
            id: string;
            operation: components["schemas"]["Operation"];
            status: components["schemas"]["ExecutionStatus"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description the spot the execution adds or removes */
            resource_id: string | null;
            /** @description on `completed`, the spot as the execution left it */
            result: components["schemas"]["Spot"] | null;
            /** @description on `failed` or `cancelled`, why */
            error: string | null;
        };
        ExecutionList: {
            executions: components["schemas"]["Execution"][];
            meta: components["schemas"]["Meta"];
        };
        /**
         * @description A spot's life:
         *     - `provisioning` → `active` when its add completes; → `removed` when
         *       the add fails or is cancelled.
         *     - `active` → `terminating` when a removal starts, or when the market
         *       price passes its bid: it then gets a `termination_time` 120 s ahead,
         *       the revocation notice, which nothing withdraws (nor can the spot be
         *       converted to on-demand any more). → `removed` when its bid is
         *       cancelled with force_termination.
         *     - `terminating` → `removed` when its removal completes, or at its
         *       `termination_time`. A removal that fails or is cancelled gives back
         *       what it found: `active`, or `terminating` with the notice still
         *       running.
         *     - `removed` is final: nothing brings a spot back.
         * @enum {string}
         */
        SpotState: "provisioning" | "active" | "terminating" | "removed";
        Spot: {
            /** Format: uuid */
            id: string;
            hostname: string;
            ip: string;
            state: components["schemas"]["SpotState"];
            metro: string;
            plan: string;
            /** @description what the spot costs per hour now (the market price, or the on-demand price once converted) */
            price: number;
            /** @description false once converted to on-demand */
            spot_instance: boolean;
            /** @description the most this spot pays; above it, it is revoked. Null for on-demand. */
            spot_price_max: number | null;
            /**
             * Format: date-time
             * @description set when the spot is marked for revocation, 120 s ahead
             */
            termination_time: string | null;
            /** Format: uuid */
            bid_id: string | null;
            tags: string[];
            description: string | null;
            /** @description a locked spot cannot be removed */
            locked: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        SpotList: {
            spots: components["schemas"]["Spot"][];
            meta: components["schemas"]["Meta"];
        };
        SpotAddRequest: {
            metro?: string;
            plan?: string;
            max_bid_price?: number;
            tags?: components["schemas"]["SpotTags"];
            description?: components["schemas"]["SpotDescription"];
        };
        /** @description free text; by convention `key:value` (`role:web`) */
        SpotTag: string;
        /** @description at most 20 tags of 1 to 100 characters each */
        SpotTags: components["schemas"]["SpotTag"][];
        /** @description at most 1000 characters */
        SpotDescription: string | null;
        SpotUpdateRequest: {
            /** @constant */
            spot_instance?: false;
            hostname?: string;
            tags?: components["schemas"]["SpotTags"];
            description?: components["schemas"]["SpotDescription"];
            locked?: boolean;
        };
        SpotMarketPrices: {
            /** @description metro code -> plan slug -> price */
            spot_market_prices: {
                [key: string]: {
                    [key: string]: {
                        price: number;
                    };
                };
            };
        };
        PricePoint: {
            price: number;
            /** @description Unix seconds */
            timestamp: number;
        };
        SpotPriceHistory: {
            prices: components["schemas"]["PricePoint"][];
        };
        Plan: {
            slug: string;
            name: string;
            pricing: {
                /** @description on-demand USD per hour */
                hour: number;
            };
            specs: {
                cpus: number;
                memory_gb: number;
                storage_gb: number;
                gpus?: number;
            };
        };
        Metro: {
            code: string;
            name: string;
        };
        /**
         * @description `open`, `partially_fulfilled` and `fulfilled` say how many of its
         *     `devices_max` spots the bid holds now; while in any of them the market
         *     fills it (again, after revocations) up to `devices_max`, never more.
         *     `expired` (at `end_at`) and `cancelled` are final: the bid gains no
         *     spot after them, and keeps those it had unless cancelled with
         *     force_termination.
         * @enum {string}
         */
        BidState: "open" | "partially_fulfilled" | "fulfilled" | "expired" | "cancelled";
        InstanceParameters: {
            plan: string;
            /** @description the start of each spot's hostname, which gets a suffix of 7 characters */
            hostname?: string;
            operating_system?: string;
            tags?: string[];
            description?: string;
        };
        BidCreateRequest: {
            devices_min: number;
            /** @description at least devices_min */
            devices_max: number;
            max_bid_price: number;
            metro: string;
            /**
             * Format: date-time
             * @description in the future, with its offset (2026-11-22T10:00:00Z); the bid expires then
             */
            end_at?: string;
            instance_parameters: components["schemas"]["InstanceParameters"];
        };
        Bid: {
            /** Format: uuid */
            id: string;
            devices_min: number;
            devices_max: number;
            max_bid_price: number;
            metro: string;
            instance_parameters: components["schemas"]["InstanceParameters"];
            /** Format: date-time */
            end_at: string | null;
            /** Format: date-time */
            created_at: string;
            state: components["schemas"]["BidState"];
            /** @description ids of the spots that filled the bid and are still in the pool */
            spots: string[];
        };
        BidList: {
            spot_market_requests: components["schemas"]["Bid"][];
            meta: components["schemas"]["Meta"];
        };
        EventPage: {
            events: components["schemas"]["Event"][];
            /** @description the cursor to ask with next (`after`) */
            next: string;
        };
        EventsGone: {
            errors: string[];
            /** @description the oldest cursor from which every event is still kept */
            oldest: string;
        };
        /**
         * @description One change, of a spot, a bid or an execution. `id` orders events:
         *     whole numbers written as strings, strictly increasing. `time` is when
         *     the change happened (the server's clock). `data` is the resource as
         *     the change left it, in brief.
         */
        Event: components["schemas"]["SpotEvent"] | components["schemas"]["BidEvent"] | components["schemas"]["ExecutionEvent"];
        /**
         * @description - `spot.provisioning`: added to the pool; its add runs.
         *     - `spot.active`: its add completed, a bid's fill made it, or a
         *       removal that failed or was cancelled gave it back.
         *     - `spot.removing`: a removal started (state `terminating`, no
         *       termination time).
         *     - `spot.termination_notice`: the market price passed its bid; it goes
         *       at `termination_time`, 120 s ahead. `price` is the market price
         *       that caused it.
         *     - `spot.converted`: made on-demand; `price` is what it pays now.
         *     - `spot.removed`: gone, for the `reason` given.
         * @enum {string}
         */
        SpotEventType: "spot.provisioning" | "spot.active" | "spot.removing" | "spot.termination_notice" | "spot.converted" | "spot.removed";
        /**
         * @description `removed` (its removal completed), `revoked` (its notice ran out),
         *     `bid_force_terminated` (its bid was cancelled with force_termination),
         *     `add_failed`, `add_cancelled`.
         * @enum {string}
         */
        SpotRemovedReason: "removed" | "revoked" | "bid_force_terminated" | "add_failed" | "add_cancelled";
        SpotEventData: {
            state: components["schemas"]["SpotState"];
            ip: string;
            hostname: string;
            metro: string;
            plan: string;
            /** Format: uuid */
            bid_id: string | null;
            spot_instance: boolean;
            spot_price_max: number | null;
            /** Format: date-time */
            termination_time: string | null;
            /** @description on `spot.termination_notice`, the market price that caused it; on `spot.converted`, the on-demand price it pays */
            price?: number;
            reason?: components["schemas"]["SpotRemovedReason"];
        };
        SpotEvent: {
            id: string;
            type: components["schemas"]["SpotEventType"];
            /** Format: date-time */
            time: string;
            /** @enum {string} */
            resource_type: "spot";
            /** Format: uuid */
            resource_id: string;
            data: components["schemas"]["SpotEventData"];
        };
        /**
         * @description The bid's new state (`bid.open` also when it is made).
         * @enum {string}
         */
        BidEventType: "bid.open" | "bid.partially_fulfilled" | "bid.fulfilled" | "bid.expired" | "bid.cancelled";
        BidEventData: {
            state: components["schemas"]["BidState"];
            metro: string;
            plan: string;
            max_bid_price: number;
            devices_min: number;
            devices_max: number;
            /** @description ids of the bid's spots in the pool */
            spots: string[];
        };
        BidEvent: {
            id: string;
            type: components["schemas"]["BidEventType"];
            /** Format: date-time */
            time: string;
            /** @enum {string} */
            resource_type: "bid";
            /** Format: uuid */
            resource_id: string;
            data: components["schemas"]["BidEventData"];
        };
        /**
         * @description The execution ended, as its status says.
         * @enum {string}
         */
        ExecutionEventType: "execution.completed" | "execution.failed" | "execution.cancelled";
        ExecutionEventData: {
            operation: components["schemas"]["Operation"];
            status: components["schemas"]["ExecutionStatus"];
            /** Format: uuid */
            spot_id: string | null;
            error: string | null;
        };
        ExecutionEvent: {
            id: string;
            type: components["schemas"]["ExecutionEventType"];
            /** Format: date-time */
            time: string;
            /** @enum {string} */
            resource_type: "execution";
            /** Format: uuid */
            resource_id: string;
            data: components["schemas"]["ExecutionEventData"];
        };
        /**
         * @description Without a valid token, only `{"status": "ok"}`: that a sandbox is up.
         *     With one, also which sandbox it is and how it runs.
         */
        SandboxHealth: {
            /** @constant */
            status: "ok";
            version?: string;
            pid?: number;
            data_dir?: string;
            admin?: boolean;
            /** @description Requests per second allowed per token, when the sandbox limits them. */
            rate_limit?: number;
            /** @description Present when the sandbox injects faults (`--faults`); counts what it injected on /api/ routes. */
            faults?: {
                /** @example drop=0.1,503=0.1 */
                spec: string;
                requests: number;
                /**
                 * @example {
                 *       "drop-after": 3,
                 *       "status-503": 5
                 *     }
                 */
                injected: {
                    [key: string]: number;
                };
            };
        };
        /** @description Unix seconds, an ISO 8601 time with its offset, or a date (its midnight in UTC) */
        TimeParameter: string;
        SandboxClock: {
            /** Format: date-time */
            now: string;
            offset_seconds: number;
        };
    };
    responses: {
        /** @description the work started; follow the execution */
        Accepted: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ExecutionRef"];
            };
        };
        /** @description missing or wrong token */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description no such resource in this account */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the sandbox was started without `--admin`, so this route does not exist */
        NotAdmin: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the resource's state forbids it */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the id prefix (or a spot's hostname) names more than one resource; `matches` lists them */
        Ambiguous: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AmbiguousError"];
            };
        };
        /**
         * @description The resource's state forbids it; or, with `matches`, the id prefix (or
         *     a spot's hostname) names more than one resource, and nothing was done.
         */
        ConflictOrAmbiguous: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AmbiguousError"] | components["schemas"]["Error"];
            };
        };
        /** @description the body, query or headers failed validation; every failing field is named, one a line */
        Invalid: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The body, query or headers failed validation, or the id is 1 to 3
         *     hex characters that are no id (too short for a prefix); every failing
         *     field is named, one a line.
         */
        InvalidOrShortId: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the id is 1 to 3 hex characters that are no id: too short for a prefix */
        InvalidId: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the Idempotency-Key is empty, longer than 255 characters, or was used for another request */
        InvalidKey: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The id is 1 to 3 hex characters that are no id (too short for a
         *     prefix), or the Idempotency-Key is empty, longer than 255 characters,
         *     or was used for another request.
         */
        InvalidIdOrKey: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the body is not JSON */
        NotJson: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the body is larger than 1 MiB */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the body was not sent as `application/json` (Content-Type) */
        NotJsonType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description too many requests for this token */
        RateLimited: {
            headers: {
                /** @description seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the request's headers are larger than 16 KiB; the HTTP server answers with no body and closes the connection */
        HeadersTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description the work could not be done just now and none of it was; send the same request again after Retry-After */
        Unavailable: {
            headers: {
                /** @description seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description A fault of the server (500). The sandbox started with `--faults` also
         *     answers 429, 500, 502, 503 or 504 on purpose on `/api/` routes.
         */
        Failure: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
         *     either case, that no other id of the collection starts with. A prefix
         *     that several ids start with is a 409 listing them; 1 to 3 hex
         *     characters that are no id, a 422; any other text that names nothing, a 404.
         */
        Id: string;
        /**
         * @description The spot's id, its IP address, its hostname, or a prefix of its id of
         *     at least 4 hex characters, in either case, that no other spot's id
         *     starts with. Looked up in that order: an id or an IP names one spot at
         *     most; a hostname or a prefix that names several is a 409 listing them;
         *     1 to 3 hex characters that name nothing are a 422; any other text that
         *     names nothing, a 404.
         */
        SpotId: string;
        Page: number;
        PerPage: number;
        /** @description The same key with the same request within 24 hours returns the first answer. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listExecutions: {
        parameters: {
            query?: {
                status?: components["schemas"]["ExecutionStatus"];
                operation?: components["schemas"]["Operation"];
                page?: components["parameters"]["Page"];
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description executions, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    getExecution: {
        parameters: {
            query?: {
                /**
                 * @description Hold the answer up to this many seconds (at most 60) until the
                 *     execution is final. A client must also work when a server ignores it.
                 */
                wait?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
                 *     either case, that no other id of the collection starts with. A prefix
                 *     that several ids start with is a 409 listing them; 1 to 3 hex
                 *     characters that are no id, a 422; any other text that names nothing, a 404.
                 */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the execution */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Ambiguous"];
            422: components["responses"]["InvalidOrShortId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    cancelExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
                 *     either case, that no other id of the collection starts with. A prefix
                 *     that several ids start with is a 409 listing them; 1 to 3 hex
                 *     characters that are no id, a 422; any other text that names nothing, a 404.
                 */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the cancelled execution */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ConflictOrAmbiguous"];
            422: components["responses"]["InvalidIdOrKey"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    listSpots: {
        parameters: {
            query?: {
                state?: components["schemas"]["SpotState"];
                /** @description a metro code; an unknown one matches no spot */
                metro?: string;
                /** @description id of the bid the spots filled */
                bid?: string;
                /** @description a tag the spots carry, matched exactly (`role:web`); repeated, the spots carry every one */
                tag?: components["schemas"]["SpotTag"][];
                page?: components["parameters"]["Page"];
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description spots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    addSpot: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SpotAddRequest"];
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["NotJson"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["NotJsonType"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    removeNewestSpot: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: components["responses"]["Accepted"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["InvalidKey"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    getSpot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The spot's id, its IP address, its hostname, or a prefix of its id of
                 *     at least 4 hex characters, in either case, that no other spot's id
                 *     starts with. Looked up in that order: an id or an IP names one spot at
                 *     most; a hostname or a prefix that names several is a 409 listing them;
                 *     1 to 3 hex characters that name nothing are a 422; any other text that
                 *     names nothing, a 404.
                 */
                id: components["parameters"]["SpotId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the spot */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Spot"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Ambiguous"];
            422: components["responses"]["InvalidId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    updateSpot: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The spot's id, its IP address, its hostname, or a prefix of its id of
                 *     at least 4 hex characters, in either case, that no other spot's id
                 *     starts with. Looked up in that order: an id or an IP names one spot at
                 *     most; a hostname or a prefix that names several is a 409 listing them;
                 *     1 to 3 hex characters that name nothing are a 422; any other text that
                 *     names nothing, a 404.
                 */
                id: components["parameters"]["SpotId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpotUpdateRequest"];
            };
        };
        responses: {
            /** @description the updated spot */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Spot"];
                };
            };
            400: components["responses"]["NotJson"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ConflictOrAmbiguous"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["NotJsonType"];
            422: components["responses"]["InvalidOrShortId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    removeSpot: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The spot's id, its IP address, its hostname, or a prefix of its id of
                 *     at least 4 hex characters, in either case, that no other spot's id
                 *     starts with. Looked up in that order: an id or an IP names one spot at
                 *     most; a hostname or a prefix that names several is a 409 listing them;
                 *     1 to 3 hex characters that name nothing are a 422; any other text that
                 *     names nothing, a 404.
                 */
                id: components["parameters"]["SpotId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: components["responses"]["Accepted"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ConflictOrAmbiguous"];
            422: components["responses"]["InvalidIdOrKey"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    getSpotPrices: {
        parameters: {
            query?: {
                /** @description only this metro (a known code) */
                metro?: string;
                /** @description only this plan (a known slug) */
                plan?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description current spot prices per metro and plan */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotMarketPrices"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    getSpotPriceHistory: {
        parameters: {
            query: {
                /** @description a known metro code */
                metro: string;
                /** @description a known plan slug */
                plan: string;
                /** @description default 24 hours before `until`; at most 90 days back */
                from?: components["schemas"]["TimeParameter"];
                /** @description default now; after `from` */
                until?: components["schemas"]["TimeParameter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description price points, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotPriceHistory"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    listPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description plans with their on-demand price */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        plans: components["schemas"]["Plan"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    listMetros: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description metros */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        metros: components["schemas"]["Metro"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    listBids: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description bids, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BidList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    createBid: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BidCreateRequest"];
            };
        };
        responses: {
            /** @description the bid, open; the market fills it while its price is at or below `max_bid_price` */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bid"];
                };
            };
            400: components["responses"]["NotJson"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["NotJsonType"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    getBid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
                 *     either case, that no other id of the collection starts with. A prefix
                 *     that several ids start with is a 409 listing them; 1 to 3 hex
                 *     characters that are no id, a 422; any other text that names nothing, a 404.
                 */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the bid */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bid"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Ambiguous"];
            422: components["responses"]["InvalidId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    deleteBid: {
        parameters: {
            query?: {
                force_termination?: boolean;
            };
            header?: {
                /** @description The same key with the same request within 24 hours returns the first answer. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The id (a UUID), or a prefix of it of at least 4 hex characters, in
                 *     either case, that no other id of the collection starts with. A prefix
                 *     that several ids start with is a 409 listing them; 1 to 3 hex
                 *     characters that are no id, a 422; any other text that names nothing, a 404.
                 */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    force_termination?: boolean;
                };
            };
        };
        responses: {
            /** @description the cancelled bid */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bid"];
                };
            };
            400: components["responses"]["NotJson"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["ConflictOrAmbiguous"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["NotJsonType"];
            422: components["responses"]["InvalidOrShortId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description the `next` of an earlier answer (or an event's id) */
                after?: string;
                /** @description instead of `after`, the events from this time on */
                since?: components["schemas"]["TimeParameter"];
                /**
                 * @description only events of these types, separated by commas
                 *     (`spot.termination_notice,spot.removed`); each must be a type below
                 */
                types?: string;
                limit?: number;
                /**
                 * @description Hold the answer up to this many seconds (at most 60) until an event
                 *     comes, when there is none to give.
                 */
                wait?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description events, oldest first, and the cursor to ask with next */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description the cursor (or `since`) asks for events that are no longer kept, or
             *     is not one this server gave; `oldest` is where reading can resume
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventsGone"];
                };
            };
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    sandboxHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the sandbox is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SandboxHealth"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    sandboxSetPrice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    metro: string;
                    plan: string;
                    /** @description null returns the market to its simulated price */
                    price: number | null;
                };
            };
        };
        responses: {
            /** @description the market's current price */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotMarketPrices"];
                };
            };
            400: components["responses"]["NotJson"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotAdmin"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["NotJsonType"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    sandboxGetClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the clock */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SandboxClock"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotAdmin"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
    sandboxAdvanceClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description at most what keeps the clock before 9999-12-31 */
                    advance_seconds: number;
                };
            };
        };
        responses: {
            /** @description the clock after the move */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SandboxClock"];
                };
            };
            400: components["responses"]["NotJson"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotAdmin"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["NotJsonType"];
            422: components["responses"]["Invalid"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["Unavailable"];
            default: components["responses"]["Failure"];
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const executionStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ExecutionStatus"]> = ["pending", "started", "completed", "failed", "cancelled"];
export const operationValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Operation"]> = ["spot.add", "spot.remove"];
export const spotStateValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SpotState"]> = ["provisioning", "active", "terminating", "removed"];
export const bidStateValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BidState"]> = ["open", "partially_fulfilled", "fulfilled", "expired", "cancelled"];
export const spotEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SpotEventType"]> = ["spot.provisioning", "spot.active", "spot.removing", "spot.termination_notice", "spot.converted", "spot.removed"];
export const spotRemovedReasonValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SpotRemovedReason"]> = ["removed", "revoked", "bid_force_terminated", "add_failed", "add_cancelled"];
export const spotEventResource_typeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SpotEvent"]["resource_type"]> = ["spot"];
export const bidEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BidEventType"]> = ["bid.open", "bid.partially_fulfilled", "bid.fulfilled", "bid.expired", "bid.cancelled"];
export const bidEventResource_typeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BidEvent"]["resource_type"]> = ["bid"];
export const executionEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ExecutionEventType"]> = ["execution.completed", "execution.failed", "execution.cancelled"];
export const executionEventResource_typeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ExecutionEvent"]["resource_type"]> = ["execution"];
