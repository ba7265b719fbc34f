SELECT * FROM ensure_future_partitions('catalogo_geometrias', 36);
